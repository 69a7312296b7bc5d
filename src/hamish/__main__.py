from hamish.cli import main

raise SystemExit(main())
