
.
xPlaceholder*
shape:*
dtype0
/
callStatefulPartitionedCallx*
fR
f0

outIdentitycallÝ*
µ

f0
x
y(
call0PartitionedCallx*
fR
f15
call1PartitionedCallcall0:output:0*
fR
f1%
reluRelucall1:output:0*
T0"
yrelu:activations:0
µ

f1
x
y(
call0PartitionedCallx*
fR
f25
call1PartitionedCallcall0:output:0*
fR
f2%
reluRelucall1:output:0*
T0"
yrelu:activations:0
µ

f2
x
y(
call0PartitionedCallx*
fR
f35
call1PartitionedCallcall0:output:0*
fR
f3%
reluRelucall1:output:0*
T0"
yrelu:activations:0
µ

f3
x
y(
call0PartitionedCallx*
fR
f45
call1PartitionedCallcall0:output:0*
fR
f4%
reluRelucall1:output:0*
T0"
yrelu:activations:0
µ

f4
x
y(
call0PartitionedCallx*
fR
f55
call1PartitionedCallcall0:output:0*
fR
f5%
reluRelucall1:output:0*
T0"
yrelu:activations:0
µ

f5
x
y(
call0PartitionedCallx*
fR
f65
call1PartitionedCallcall0:output:0*
fR
f6%
reluRelucall1:output:0*
T0"
yrelu:activations:0
µ

f6
x
y(
call0PartitionedCallx*
fR
f75
call1PartitionedCallcall0:output:0*
fR
f7%
reluRelucall1:output:0*
T0"
yrelu:activations:0
µ

f7
x
y(
call0PartitionedCallx*
fR
f85
call1PartitionedCallcall0:output:0*
fR
f8%
reluRelucall1:output:0*
T0"
yrelu:activations:0
µ

f8
x
y(
call0PartitionedCallx*
fR
f95
call1PartitionedCallcall0:output:0*
fR
f9%
reluRelucall1:output:0*
T0"
yrelu:activations:0
·

f9
x
y)
call0PartitionedCallx*
fR
f106
call1PartitionedCallcall0:output:0*
fR
f10%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f10
x
y)
call0PartitionedCallx*
fR
f116
call1PartitionedCallcall0:output:0*
fR
f11%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f11
x
y)
call0PartitionedCallx*
fR
f126
call1PartitionedCallcall0:output:0*
fR
f12%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f12
x
y)
call0PartitionedCallx*
fR
f136
call1PartitionedCallcall0:output:0*
fR
f13%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f13
x
y)
call0PartitionedCallx*
fR
f146
call1PartitionedCallcall0:output:0*
fR
f14%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f14
x
y)
call0PartitionedCallx*
fR
f156
call1PartitionedCallcall0:output:0*
fR
f15%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f15
x
y)
call0PartitionedCallx*
fR
f166
call1PartitionedCallcall0:output:0*
fR
f16%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f16
x
y)
call0PartitionedCallx*
fR
f176
call1PartitionedCallcall0:output:0*
fR
f17%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f17
x
y)
call0PartitionedCallx*
fR
f186
call1PartitionedCallcall0:output:0*
fR
f18%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f18
x
y)
call0PartitionedCallx*
fR
f196
call1PartitionedCallcall0:output:0*
fR
f19%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f19
x
y)
call0PartitionedCallx*
fR
f206
call1PartitionedCallcall0:output:0*
fR
f20%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f20
x
y)
call0PartitionedCallx*
fR
f216
call1PartitionedCallcall0:output:0*
fR
f21%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f21
x
y)
call0PartitionedCallx*
fR
f226
call1PartitionedCallcall0:output:0*
fR
f22%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f22
x
y)
call0PartitionedCallx*
fR
f236
call1PartitionedCallcall0:output:0*
fR
f23%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f23
x
y)
call0PartitionedCallx*
fR
f246
call1PartitionedCallcall0:output:0*
fR
f24%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f24
x
y)
call0PartitionedCallx*
fR
f256
call1PartitionedCallcall0:output:0*
fR
f25%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f25
x
y)
call0PartitionedCallx*
fR
f266
call1PartitionedCallcall0:output:0*
fR
f26%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f26
x
y)
call0PartitionedCallx*
fR
f276
call1PartitionedCallcall0:output:0*
fR
f27%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f27
x
y)
call0PartitionedCallx*
fR
f286
call1PartitionedCallcall0:output:0*
fR
f28%
reluRelucall1:output:0*
T0"
yrelu:activations:0
¸

f28
x
y)
call0PartitionedCallx*
fR
f296
call1PartitionedCallcall0:output:0*
fR
f29%
reluRelucall1:output:0*
T0"
yrelu:activations:0
H

f29
x
y
reluRelux*
T0"
yrelu:activations:0