module example.com/shop

go 1.26.0

require github.com/factory-kit/plinth v0.0.0

replace github.com/factory-kit/plinth => ../../../..
