
2
xPlaceholder*
dtype0*
shape
:
.
yPlaceholder*
dtype0*
shape:
/
nbPlaceholder*
dtype0*
shape:
/
nePlaceholder*
dtype0*
shape:
3
ibPlaceholder*
dtype0*
shape
:
/
iePlaceholder*
dtype0*
shape:

outPowxy*
T0
*
out_negative_basesPownbne*
T0

out_intPowibie*
T0"ª