/* Every kind of reference an i386 module header makes (as --32: REL, addends in place). */
	.data
	.align 4
	.globl __wine_spec_nt_header
__wine_spec_nt_header:
.Lbase:
	.long 0x4550
	.long ext_fn
	.long ext_fn+12
	.long .Lfunc
	.long .Lfunc+3
	.long __wine_spec_pe_header
	.long _end - .Lbase
	.long .Lexports - .Lbase
	.long .Lexports_end - .Lexports
	.long .Lnames + 6 - .Lbase
	.long ext_data - .
	.long .Lrodata_label - .Lbase
	.short ext_fn
	.short ext_fn - .Lbase
	.byte ext_fn
	.byte .Lfunc - .Lbase
	.long 0x80000007
	.long 4294967295
.Lexports:
	.long .Lfunc
	.long .Lforwards+0
	.long .Lforwards+9
.Lnames:
	.string "t.dll"
	.string "abc"
.Lforwards:
	.string "k32.Sleep"
	.string "k32.Beep"
	.align 4
.Lexports_end:
	.weak weak_entry
	.hidden weak_entry
	.long weak_entry
	.globl __imp_fn
	.hidden __imp_fn
	.type __imp_fn,@object
	.size __imp_fn,4
__imp_fn:
	.long .Lhint - .Lbase
.Lhint:
	.short 3
	.string "fn"
	.section ".init","ax"
	jmp 1f
__wine_spec_pe_header:
	.skip 300
1:
	.text
	.globl fn
	.hidden fn
	.type fn,@function
fn:
	call .Lpc
1:	jmp *__imp_fn-1b(%eax)
	.size fn, .-fn
.Lfunc:
	call .Lpc
1:	leal .Lexports-1b(%eax),%eax
	pushl %eax
	call ext_fn
	call ext_fn+4
	jmp ext_fn
	jmp .Lpc
	jmp weak_entry
	.align 8
.Lpc:
	movl (%esp),%eax
	ret
	.section .rodata
.Lrodata_label:
	.string "x"
	.section .note.GNU-stack,"",@progbits
