
6
xPlaceholder*
dtype0*
shape:
.
yPlaceholder*
dtype0*
shape:

outMinimumxy*
T0"ª