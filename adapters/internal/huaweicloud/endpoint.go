package huaweicloud

// Endpoint is the API endpoint of service ("swr-api", "hss") in region, as
// the SDK's region tables give it: https://<service>.<region>.myhuaweicloud.com,
// and .eu for the European sovereign region. Built here rather than read
// from the SDK's region packages, which pull a YAML parser and region
// files into every binary for one rule.
func Endpoint(service, region string) string {
	domain := "myhuaweicloud.com"
	if region == "eu-west-101" {
		domain = "myhuaweicloud.eu"
	}
	return "https://" + service + "." + region + "." + domain
}
