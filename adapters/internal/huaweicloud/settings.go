package huaweicloud

import "github.com/imagesync/imagesync/adapters/huawei"

// The options and credentials of every Huawei Cloud engine are declared
// once, in the public package adapters/huawei, which callers of swr.New and
// hss.New import; these are their names here.
type (
	Credentials = huawei.Credentials
	Settings    = huawei.Settings
	Option      = huawei.Option
	Backoff     = huawei.Backoff
)
