from tui_reader.cli import main

main()
