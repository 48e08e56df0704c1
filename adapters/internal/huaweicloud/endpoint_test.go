package huaweicloud

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The SDK's region tables (services/*/region), for the regions that differ.
func TestEndpointMatchesTheSDKRegionTables(t *testing.T) {
	assert.Equal(t, "https://swr-api.cn-north-4.myhuaweicloud.com", Endpoint("swr-api", "cn-north-4"))
	assert.Equal(t, "https://hss.ap-southeast-1.myhuaweicloud.com", Endpoint("hss", "ap-southeast-1"))
	assert.Equal(t, "https://swr-api.eu-west-101.myhuaweicloud.eu", Endpoint("swr-api", "eu-west-101"))
	assert.Equal(t, "https://hss.eu-west-101.myhuaweicloud.eu", Endpoint("hss", "eu-west-101"))
}
