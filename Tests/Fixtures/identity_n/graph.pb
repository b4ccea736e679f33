
2
xPlaceholder*
dtype0*
shape
:
.
kPlaceholder*
dtype0*
shape:
J
cConst*
dtype0*1
value(B&"/A­¾3 ã¿Þñ¿Fó@¾¤#?™{‡?
'
idn	IdentityNxkc*
T
2

reluReluidn*
T0

mulMulidn:2idn*
T0"ª