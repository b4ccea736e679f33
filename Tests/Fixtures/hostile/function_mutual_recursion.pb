
.
xPlaceholder*
shape:*
dtype0
.
callStatefulPartitionedCallx*

fR
a

outIdentitycallü
|

a
x
y'
call0PartitionedCallx*

fR
b%
reluRelucall0:output:0*
T0"
yrelu:activations:0
|

b
x
y'
call0PartitionedCallx*

fR
a%
reluRelucall0:output:0*
T0"
yrelu:activations:0