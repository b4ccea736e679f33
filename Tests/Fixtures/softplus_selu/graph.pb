
2
xPlaceholder*
dtype0*
shape
:4
 
softplusSoftplusx*
T0

seluSelux*
T0"ª