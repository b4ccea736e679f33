
6
xPlaceholder*
dtype0*
shape:

outNegx*
T0"ª