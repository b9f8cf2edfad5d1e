" Vim file-type detection for seg scripts. Install: copy into ~/.vim/ftdetect/.
autocmd BufRead,BufNewFile *.seg setfiletype seg
