
6
xPlaceholder*
dtype0*
shape:

outRelux*
T0"ª