
6
xPlaceholder*
dtype0*
shape:

outRsqrtx*
T0"ª