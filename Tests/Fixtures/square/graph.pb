
6
xPlaceholder*
dtype0*
shape:

outSquarex*
T0"ª