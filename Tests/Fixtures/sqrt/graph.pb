
6
xPlaceholder*
dtype0*
shape:

outSqrtx*
T0"ª