from gsn_studio.launcher import run

run()
