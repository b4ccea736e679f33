
:
xPlaceholder*
dtype0*
shape:
b
poolAvgPoolx*
T0*
ksize
€¨Ö¹€¨Ö¹*
paddingSAME*
strides

