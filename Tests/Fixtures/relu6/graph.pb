
6
xPlaceholder*
dtype0*
shape:

outRelu6x*
T0"ª