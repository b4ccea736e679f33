
6
xPlaceholder*
dtype0*
shape:

outExpx*
T0"ª