module finwait

go 1.26
