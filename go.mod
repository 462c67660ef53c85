module github.com/ringerhq/ringer

go 1.26.8
