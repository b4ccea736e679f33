
6
xPlaceholder*
dtype0*
shape:
>
bConst*
dtype0*%
valueB"RA"ฟ%พWอมพ_ฌ?
4
outBiasAddxb*
T0*
data_formatNHWC"ช