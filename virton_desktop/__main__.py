from virton_desktop.app import main

raise SystemExit(main())
