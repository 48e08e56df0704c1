package core

import (
	"regexp"
	"sync"
)

// The naming rules of the clouds' own registries, as their API references
// state them (SWR v2 CreateNamespace and CreateRepo; ACR EE cr 2018-12-01
// CreateNamespace and CreateRepository), and of region and account ids.
// Each check returns "" or the rule broken.

var (
	swrNamespacePattern  = lazyRegexp(`^[a-z][a-z0-9]*(?:(?:[._-]|__)[a-z0-9]+)*$`)
	swrRepositoryPattern = lazyRegexp(`^[a-z0-9]+(?:(?:[._/-]|__)[a-z0-9]+)*$`)
	huaweiRegionPattern  = lazyRegexp(`^[a-z]{2,3}(?:-[a-z]+)+-[0-9]{1,3}$`)

	acrNamePattern     = lazyRegexp(`^[a-z0-9]+(?:[._-]+[a-z0-9]+)*$`)
	acrRepoPattern     = lazyRegexp(`^[a-z0-9]+(?:(?:[._-]+|/)[a-z0-9]+)*$`)
	acrInstancePattern = lazyRegexp(`^cri-[a-z0-9]{1,64}$`)
	alibabaRegion      = lazyRegexp(`^[a-z]{2}-[a-z]+(?:-[a-z0-9]+)*$`)
	alibabaAccount     = lazyRegexp(`^[0-9]{1,20}$`)
	awsRegion          = lazyRegexp(`^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}$`)

	hssIDPattern = lazyRegexp(`^[A-Za-z0-9_.-]{1,128}$`)
)

// HSSRegistryTypes are the registry types HSS image sync accepts.
var HSSRegistryTypes = []string{"SwrPrivate", "SwrShared", "SwrEnterprise", "Harbor", "Jfrog", "Other"}

func match(re func() *regexp.Regexp, s string, minLen, maxLen int, rule string) string {
	switch {
	case s == "":
		return "required"
	case len(s) < minLen || len(s) > maxLen || !re().MatchString(s):
		return rule
	}
	return ""
}

// CheckSWRNamespace checks an SWR organization name.
func CheckSWRNamespace(s string) string {
	return match(swrNamespacePattern, s, 1, 64, "SWR namespace must be 1-64 characters, start with a lowercase letter, "+
		"end with a letter or digit, use only a-z 0-9 . _ -, with no two separators together except '__'")
}

// CheckSWRRepository checks an SWR repository name (a '/' is allowed; it is
// sent as '$' in request paths).
func CheckSWRRepository(s string) string {
	return match(swrRepositoryPattern, s, 1, 128, "SWR repository must be 1-128 characters, start and end with a letter or digit, "+
		"use only a-z 0-9 . / _ -, with no two separators together except '__'")
}

// CheckHuaweiRegion checks a Huawei Cloud region id such as cn-north-4.
func CheckHuaweiRegion(s string) string {
	return match(huaweiRegionPattern, s, 1, 64, "Huawei Cloud region id like cn-north-4 or ap-southeast-1")
}

// CheckACRNamespace checks an ACR EE namespace name.
func CheckACRNamespace(s string) string {
	return match(acrNamePattern, s, 2, 120, "ACR namespace must be 2-120 characters of a-z 0-9 with '.', '_' or '-' only between them")
}

// CheckACRRepository checks an ACR EE repository name.
func CheckACRRepository(s string) string {
	return match(acrRepoPattern, s, 2, 64, "ACR repository must be 2-64 characters of a-z 0-9 with '.', '_', '-' or '/' only between them")
}

// CheckACRInstance checks an ACR EE instance id.
func CheckACRInstance(s string) string {
	return match(acrInstancePattern, s, 5, 68, "ACR EE instance id like cri-xxxxxxxx")
}

// CheckAlibabaRegion checks an Alibaba Cloud region id such as cn-hangzhou.
func CheckAlibabaRegion(s string) string {
	return match(alibabaRegion, s, 1, 64, "Alibaba Cloud region id like cn-hangzhou or ap-southeast-1")
}

// CheckAWSRegion checks an AWS region id such as us-east-1, cn-north-1 or
// us-gov-west-1 (an Alibaba id such as cn-hangzhou has no number).
func CheckAWSRegion(s string) string {
	return match(awsRegion, s, 1, 32, "AWS region id like us-east-1 or cn-north-1")
}

// CheckAlibabaAccount checks an Alibaba Cloud account id (numeric uid).
func CheckAlibabaAccount(s string) string {
	return match(alibabaAccount, s, 1, 20, "Alibaba Cloud account id is 1-20 digits")
}

// CheckTag checks an image tag.
func CheckTag(s string) string {
	if s == "" {
		return "required"
	}
	if !isTag(s) {
		return ruleTag
	}
	return ""
}

// CheckDigest checks an image digest.
func CheckDigest(s string) string {
	if !isDigest(s) {
		return ruleDigest
	}
	return ""
}

// lazyRegexp compiles pattern on first use. Bounded repetitions such as
// {0,62} compile into large programs: compiled at start-up, core's
// patterns cost every process (a CLI copy, a cold function) ~0.4 MB and a
// millisecond before main, used or not.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
