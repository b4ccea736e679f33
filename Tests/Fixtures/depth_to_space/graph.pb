
:
xPlaceholder*
dtype0*
shape:
:
yPlaceholder*
dtype0*
shape:	
H
outDepthToSpacex*
T0*

block_size*
data_formatNHWC
L
out_s2dSpaceToDepthy*
T0*

block_size*
data_formatNHWC
U
out_round_tripSpaceToDepthout*
T0*

block_size*
data_formatNHWC"ª