/* Every directive of the in-process assembler's subset, as the module templates use them
   and in the other spellings GNU as accepts. */
	.text
	.globl start, other ; .weak weakling
	.hidden other
	.protected prot
	.internal intern
	.type start,@function
	.type other,%function
	.type obj, @object
	.type plain, STT_NOTYPE
start:	ret	# a comment after an instruction
other: prot: intern:
	nop
	.size start, .-start
	.size other, 1
weakling: ret

	.data
	.align 8
obj:	.byte 1, 2, 0xff, -1, 0b101, 017
	.short 1,0, -32768, 65535
	.word 7
	.hword 8
	.value 9
	.2byte 10
	.long 0x4550, 0xdeb90002, -1
	.int 3
	.4byte 4
	.quad 0x123456789abcdef0, -2
	.8byte 5
	.size obj, . - obj
	.ascii "abc", "\t\n\r\b\f\\\"\101\x41\0"
	.string "hello", ""
	.asciz "x"
	.balign 16
	.byte 1
	.balign 16, 0xcc
	.byte 2
	.p2align 3
	.skip 3
	.space 2, 0x5a
	.zero 5
	.align 4,,1
	.byte 3
	.align 4,,3
	.p2align 4,0x11,15
	.long (1 + 2) * 3 - 4 / 2, 1 << 4, 256 >> 2, ~0 & 0xff, 6 | 1, 5 ^ 3, -(-7)
	.quad obj - .Lhere + 4
.Lhere:
	.quad .Lhere - obj
"quoted name":
"??2@YAPEAX_K@Z":	.byte 0
	.quad "??2@YAPEAX_K@Z"
	.long "quoted name" - obj

	.section .rodata
	.p2align 2
1:	.long 1b - 2f
2:	.long 1b - .
1:	.long 1b
	.long 2b - 1b

	.section ".init","ax"
	jmp 1f
reserve:
	.skip 300
1:
	.section .note.GNU-stack,"",@progbits
	.section .rodata.extra, "a", @progbits
	.byte 1
	.section .data.rw, "aw"
	.quad 1
	.section custom,"a"
	.long 2
	.section .bss
	.skip 16
	.zero 4
	.align 32
	.section .bss.more,"aw",@nobits
	.skip 8
	.section .text
	ud2
	.text
	int3
