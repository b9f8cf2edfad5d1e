" Vim syntax file for seg scripts (*.seg).
" Generated from seg's command registry (Sources/SegLang/EditorGrammar.swift); do not edit.
" Install: copy editors/syntax/seg.vim and editors/ftdetect/seg.vim into ~/.vim/.

if exists("b:current_syntax")
  finish
endif

syn match segComment /#.*$/ contains=@Spell
syn region segString start=/"/ skip=/\\./ end=/"/ contains=segEscape
syn match segEscape /\\\%(u{\x\{1,6}}\|["\\ntr0]\)/ contained
syn match segQuotedName /`[^`]*`/
syn match segVariable /\$\h\w*/
syn match segNumber /\%([A-Za-z0-9_]\)\@<!\%(\d\+\%(\.\d\+\)\=\|\.\d\+\)\%([eE][+-]\=\d\+\)\=%\=/
syn match segDate /\<\d\{4}-\d\d-\d\d\%(T\d\d:\d\d\%(:\d\d\)\=\)\=\>/
syn match segOption /\<\h\w*\ze\s*=[^=]/
syn match segContinuation /\\\ze\s*\%(#.*\)\=$/

" The command word at the start of a statement.
syn match segCommand /\%(^\|;\)\s*\zs\%(echo\|assert\|help\|show\|head\|filter\|load\|rfm\|use\|tables\|join\|transform\|scale\|elbow\|silhouette\|choose\|cluster\|profile\|centroids\|name\|clv\|pca\|tsne\|export\|plot\|report\|save\|compare\|runs\)\>/
syn match segDeclaration /\%(^\|;\)\s*\zs\%(set\|param\)\>/ nextgroup=segDeclared skipwhite
syn match segDeclared /\h\w*/ contained nextgroup=segTypeColon skipwhite
syn match segTypeColon /:/ contained nextgroup=segType skipwhite
syn keyword segType int number string date bool contained

syn match segFunction /\<\%(min\|max\|sum\|mean\|median\|count\|share\|missing\|abs\|size\|moved\)\ze\s*(/
syn keyword segBuiltin rows clusters customers outliers outlier_share inertia silhouette_score knee recommended_k firstrun kept_share
syn keyword segWordOperator and or not in
syn keyword segBoolean true false
syn match segOperator /==\|!=\|<=\|>=\|[<>+*\/=-]\|\.\./

hi def link segComment Comment
hi def link segString String
hi def link segEscape SpecialChar
hi def link segQuotedName Identifier
hi def link segVariable Identifier
hi def link segNumber Number
hi def link segDate Constant
hi def link segOption Type
hi def link segContinuation Special
hi def link segCommand Statement
hi def link segDeclaration Keyword
hi def link segDeclared Identifier
hi def link segType Type
hi def link segFunction Function
hi def link segBuiltin Constant
hi def link segWordOperator Operator
hi def link segBoolean Boolean
hi def link segOperator Operator

let b:current_syntax = "seg"
