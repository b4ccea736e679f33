
2
xPlaceholder*
dtype0*
shape
:
B
bConst*
dtype0*)
value B"ì®«?±N?¿ÀÄ>’q¼>ƒî½
4
outBiasAddxb*
T0*
data_formatNHWC"ª