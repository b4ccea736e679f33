
2
xPlaceholder*
dtype0*
shape
:
.
yPlaceholder*
dtype0*
shape:

addAddV2xy*
T0

subSubxy*
T0

mulMulxy*
T0

maxMaximumxy*
T0

minMinimumxy*
T0"ª