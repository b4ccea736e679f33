
2
xPlaceholder*
dtype0*
shape
:	

outSigmoidx*
T0"ª