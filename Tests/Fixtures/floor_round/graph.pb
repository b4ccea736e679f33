
2
xPlaceholder*
dtype0*
shape
:

floorFloorx*
T0

roundRoundx*
T0"ª