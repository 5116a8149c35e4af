/* i386 instruction forms of the 32-bit module template, and neighbours (as --32). */
	.text
	.globl ext_fn
start:
	nop
	ret
	ret $0
	ret $8
	ret $0x7c
	ud2
	int3
	pushl %eax
	pushl %ecx
	pushl %edx
	pushl %ebx
	pushl %esp
	pushl %ebp
	pushl %esi
	pushl %edi
	push %eax
	popl %eax
	popl %edx
	pop %ecx
	popl %edi
	pushl $5
	pushl $-1
	pushl $127
	pushl $128
	pushl $589824
	pushl $0xffffffff
	pushl $.Ldata
	pushl $ext_data+4
	call ext_fn
	call start
	call .Llocal
	call *4(%eax)
	call *%eax
	call *(%ecx)
	call *ext_ptr
	jmp *%eax
	jmp *%edx
	jmp *ext_ptr
	jmp *0x10(%esp)
1:	jmp *ext_ptr-1b(%eax)
	jmp *.Ldata-1b(%eax)
	jmp *.Llocal-1b(%eax)
.Llocal:
	movl %eax,%ecx
	movl %esp,%ebp
	movl (%esp),%eax
	movl %ecx,4(%esp)
	movl %ecx,(%esp)
	movl 8(%ebp),%eax
	movl (%ebp),%eax
	movl 0x100(%esp),%eax
	movl -4(%ebp),%edx
	movl (%eax,%ecx,4),%edx
	movl 12(%ebx,%esi,2),%edi
	movl $3,4(%esp)
	movl $0x12345678,%eax
	movl $-1,%edx
	movl $.Ldata,%eax
	movl $ext_data,(%esp)
	movl $ext_data+8,4(%esp)
	leal 4(%eax),%ecx
	leal (%esp),%eax
2:	leal .Ldata-2b(%eax),%ecx
	leal ext_data-2b(%eax),%eax
	leal .Ldata+16-2b(%eax),%eax
	leal .Lrodata-2b(%eax),%edx
	leal start-2b(%eax),%edx
	leal ext_data-2b(%esp),%edx
	subl $12,%esp
	subl $0x98,%esp
	addl $12,%esp
	addl $0x1000,%esp
	addl $1,%eax
	addl $1000,%eax
	xorl %eax,%eax
	cmpl $1,%eax
	andl $-16,%esp
	orl %ecx,%edx
	subl 4(%esp),%eax
	movups %xmm0,(%esp)
	movups 16(%esp),%xmm1
	movups %xmm7,0x50(%esp)
	.byte 0x8b,0xff,0x55,0x8b,0xec,0x5d
	.data
.Ldata:
	.long 1
	.section .rodata
.Lrodata:
	.long 2
