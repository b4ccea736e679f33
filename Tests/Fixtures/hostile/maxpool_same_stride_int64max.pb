
:
xPlaceholder*
dtype0*
shape:
b
poolMaxPoolx*
T0*
ksize

*
paddingSAME*
strides
ÿÿÿÿÿÿÿÿ