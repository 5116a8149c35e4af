/* Every kind of reference: resolved here, or a relocation of the type GNU as chooses. */
	.text
	.globl global_fn
	.weak weak_fn
	.hidden hidden_fn
	.globl hidden_fn
local_fn:	ret
global_fn:	ret
weak_fn:	ret
hidden_fn:	ret
	call local_fn
	call global_fn
	call weak_fn
	call hidden_fn
	call undefined_fn
	call .Ldata_label
	call data_local
	call undefined_fn+8
	jmp local_fn
	jmp global_fn
	jmp weak_fn
	jmp hidden_fn
	jmp undefined_fn
	jmp .Ldata_label
	jmp local_fn+2
	jmp undefined_fn-4
	lea local_fn(%rip),%rax
	lea global_fn(%rip),%rax
	lea weak_fn(%rip),%rax
	lea .Ldata_label(%rip),%rcx
	lea .Ldata_label+16(%rip),%rcx
	lea data_local+8(%rip),%rcx
	lea data_global(%rip),%rcx
	lea undefined_data(%rip),%rdx
	jmpq *undefined_slot(%rip)
	jmp *.Ldata_label(%rip)
	callq *data_global(%rip)
	movq $1,.Ldata_label(%rip)
	movl $1,undefined_data+4(%rip)
	addq $0x1000,undefined_data(%rip)
	addq $1,undefined_data(%rip)
	movabs $undefined_data,%rax
	movabs $.Ldata_label+8,%rbx
	movabs $global_fn,%rcx
	.long 0x90909090,0x90909090
	.quad local_fn
	.quad .Lend - local_fn

	.data
	.align 8
.Ldata_label:
data_local:
	.quad local_fn
	.quad global_fn
	.quad weak_fn
	.quad hidden_fn
	.quad undefined_fn
	.quad undefined_fn + 16
	.quad .Ldata_label + 8
	.quad data_local - 8
	.quad 0
	.globl data_global
data_global:
	.long undefined_data
	.long undefined_data - .
	.long undefined_data - .Ldata_label
	.long _end - .Ldata_label
	.long .Ldata_label - data_global
	.long data_global - .Ldata_label + 100
	.long local_fn - .
	.long global_fn - .Ldata_label
	.quad undefined_data - .
	.quad undefined_data - data_local + 3
	.short undefined_data
	.short undefined_data - .
	.byte undefined_data
	.byte undefined_data - .
	.quad .Lend
	.quad .Lend - local_fn
	.long .Lend - .Lother_text
	.section .rodata
	.quad data_global
	.long .Ldata_label - .
	.text
.Lother_text:
	nop
.Lend:
/* a quoted "." is a symbol, not the location counter; a .L name made global is an ordinary symbol */
	.data
	.globl "."
	.hidden "."
	.type ".",@object
".":
	.quad "."
	.globl .Lglobal
.Lglobal:
	.quad .Lglobal
	.quad .Lundefined_global
	.globl .Lundefined_global
