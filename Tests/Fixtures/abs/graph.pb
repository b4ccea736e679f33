
6
xPlaceholder*
dtype0*
shape:

outAbsx*
T0"ª