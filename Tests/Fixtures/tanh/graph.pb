
2
xPlaceholder*
dtype0*
shape
:	

outTanhx*
T0"ª