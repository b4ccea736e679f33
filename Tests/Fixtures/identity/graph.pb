
2
xPlaceholder*
dtype0*
shape
:

id1Identityx*
T0

outIdentityid1*
T0
:
cConst*
dtype0*!
valueB"%§Ó?Ï£‚?Jé´¾
!
	const_outIdentityc*
T0"ª