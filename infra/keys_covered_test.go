package infra

// keysCovered names, for every documented configuration key, the tests
// that prove it changes behaviour through the real wiring: infra.Load and
// infra.Build, app.New, or the built binary. TestEveryDocumentedKeyIsCovered
// holds this list to the configuration and the docs: a key documented and
// missing here, or listed and not documented, fails it.
var keysCovered = map[string][]string{
	"log.level":   {"functions/app.TestLogKeysWired"},
	"log.format":  {"functions/app.TestLogKeysWired"},
	"history":     {"functions/app.TestHistoryWired"},
	"concurrency": {"functions/app.TestBytesPerRunWired"}, // concurrency: 1 is what lets the byte budget stop the run after one copy
	// the window of a platform timer's tick, through app.New and HandleEvent
	"tickInterval": {"functions/app.TestTimerWindowIsTheTickInterval"},

	"registry.jobs":                      {"functions/app.TestRegistryEngineKeysWired"},
	"registry.userAgent":                 {"functions/app.TestRegistryEngineKeysWired"},
	"registry.referrers":                 {"functions/app.TestReferrersWired"},
	"registry.platforms":                 {"infra.TestPlatformsPerJobWired"},
	"registry.maxWait":                   {"infra.TestRegistryMaxWaitWired"},
	"registry.prepareTargets":            {"infra.TestPrepareTargetsWired"},
	"registry.acrHosts":                  {"infra.TestPrepareTargetsWired"}, // ACR coordinates resolved by acrHosts to the target registry
	"registry.credentials[].host":        {"functions/local.TestSyncWithConfiguredCredentials", "functions/app.TestCredentialHelperWired"},
	"registry.credentials[].username":    {"functions/local.TestSyncWithConfiguredCredentials"},
	"registry.credentials[].passwordEnv": {"functions/local.TestSyncWithConfiguredCredentials"},
	"registry.credentials[].helper":      {"functions/app.TestCredentialHelperWired"},
	"registry.hosts[].host":              {"infra.TestRegistryHostsWired"},
	"registry.hosts[].tls":               {"infra.TestRegistryHostsWired"},
	"registry.hosts[].ca":                {"infra.TestRegistryHostsWired"},
	"registry.hosts[].clientCert":        {"infra.TestRegistryHostsWired"},
	"registry.hosts[].clientKey":         {"infra.TestRegistryHostsWired"},
	"registry.hosts[].address":           {"infra.TestRegistryHostAddressWired", "infra.TestRegistryHostAddressGuarded"},
	"registry.hosts[].requestsPerSecond": {"infra.TestRegistryHostLimitsWired"},
	"registry.hosts[].maxConcurrent":     {"infra.TestRegistryHostLimitsWired"},
	"registry.ranges.thresholdMiB":       {"infra.TestRegistryRangesWired"},
	"registry.ranges.chunkMiB":           {"infra.TestRegistryRangesWired"},
	"registry.ranges.perBlob":            {"infra.TestRegistryRangesWired"},
	"registry.dockerConfig":              {"infra.TestRegistryDockerConfigWired"},

	"acr.region":    {"functions/app.TestCloudDefaultsWired"},
	"swr.region":    {"functions/app.TestCloudDefaultsWired"},
	"swr.projectId": {"functions/app.TestCloudDefaultsWired"},
	"hss.region":    {"functions/app.TestHSSAfterWired"},
	"hss.projectId": {"functions/app.TestHSSAfterWired"},
	"hss.all":       {"functions/app.TestHSSAfterWired"},
	"events.host":   {"functions/app.TestEventsHostWired"},

	"auth.mode":                           {"functions/app.TestTriggerPolicyWired"},
	"auth.window":                         {"functions/app.TestSigningKeysWired", "functions/app.TestDefaultSignatureWindow"},
	"auth.signing[].name":                 {"functions/app.TestSigningKeysWired"},
	"auth.signing[].policy":               {"functions/app.TestSigningKeysWired"},
	"auth.signing[].secrets[].secretEnv":  {"functions/app.TestReplayAcrossInstances"},
	"auth.signing[].secrets[].secretFile": {"functions/app.TestSigningKeysWired"},
	"auth.tokens[].name":                  {"functions/app.TestTokensWired"},
	"auth.tokens[].sha256":                {"functions/app.TestReadsRespectPolicy", "functions/app.TestTokensWired"},
	"webhooks.*.header":                   {"functions/httpapi.TestWebhookRefusals"},
	"webhooks.*.secrets[].secretEnv":      {"functions/httpapi.TestWebhookRefusals"},

	"policy.allowHosts":                   {"functions/app.TestAllowHostsWired"},
	"policy.triggers":                     {"functions/app.TestTriggerPolicyWired"},
	"policy.rules.*.sources[].registry":   {"functions/app.TestPolicyRuleFieldsWired"},
	"policy.rules.*.sources[].repository": {"functions/app.TestReadsRespectPolicy", "functions/app.TestPolicyRuleFieldsWired"},
	"policy.rules.*.targets[].engine":     {"functions/app.TestPolicyRuleFieldsWired"},
	"policy.rules.*.targets[].region":     {"functions/app.TestPolicyRuleFieldsWired"},
	"policy.rules.*.targets[].registry":   {"functions/app.TestTriggerPolicyWired", "functions/app.TestPolicyRuleFieldsWired"},
	"policy.rules.*.targets[].repository": {"functions/app.TestReadsRespectPolicy"},

	"limits.requestTimeout":  {"functions/app.TestRequestTimeoutWired"},
	"limits.concurrentSyncs": {"functions/app.TestConcurrentSyncsWired"},
	"limits.tagsPerJob":      {"functions/app.TestTagsPerJobWired"},
	"limits.bytesPerRun":     {"functions/app.TestBytesPerRunWired", "functions/app.TestBytesPerRunLeavesPushForRedelivery"},

	"server.readHeaderTimeout": {"functions/local.TestHTTPEdge"},
	"server.bodyTimeout":       {"functions/local.TestHTTPEdge", "functions/huawei.TestHTTPFunctionEdge"},
	"server.idleTimeout":       {"functions/local.TestHTTPEdge", "functions/huawei.TestHTTPFunctionEdge"},
	"server.shutdownGrace":     {"functions/local.TestGracefulShutdown"},

	"onPush[].name":                {"functions/app.TestTriggerPolicyWired"},
	"onPush[].match.registry":      {"functions/app.TestTriggerPolicyWired"},
	"onPush[].match.repository":    {"functions/app.TestTriggerPolicyWired"},
	"onPush[].match.tags.exclude":  {"functions/local.TestEndToEndPushNotification"},
	"onPush[].targets[].image":     {"functions/app.TestTriggerPolicyWired"},
	"onPush[].targets[].after":     {"functions/app.TestHSSAfterWired"},
	"onPush[].targets[].platforms": {"infra.TestPlatformsPerJobWired"},
	"onPush[].catchUp":             {"functions/local.TestOnceExcludesAndCatchesUp"},

	"jobs[].name":               {"functions/app.TestTagsPerJobWired"},
	"jobs[].schedule":           {"functions/app.TestScheduleShown", "functions/app.TestTimerTicksRunTheJobsDueSinceTheLast"},
	"jobs[].sources":            {"functions/app.TestTagsPerJobWired"},
	"jobs[].exclude":            {"functions/local.TestOnceExcludesAndCatchesUp"},
	"jobs[].tags.semver":        {"functions/app.TestPruneWired", "functions/local.TestEndToEndTick"},
	"jobs[].tags.latest":        {"functions/app.TestPruneWired"},
	"jobs[].targets[].image":    {"functions/app.TestTagsPerJobWired"},
	"jobs[].targets[].override": {"functions/local.TestEndToEndTick"},
	"jobs[].platforms":          {"infra.TestPlatformsPerJobWired"},
	"jobs[].prune":              {"functions/app.TestPruneWired"},
	"jobs[].owns":               {"functions/app.TestPruneWired"},

	"autoSync[].name":              {"functions/app.TestReconcileAgainstEmulators"},
	"autoSync[].engine":            {"functions/app.TestReconcileAgainstEmulators"},
	"autoSync[].source.region":     {"functions/app.TestReconcileAgainstEmulators"},
	"autoSync[].source.instance":   {"functions/app.TestReconcileAgainstEmulators"},
	"autoSync[].source.namespace":  {"functions/app.TestReconcileAgainstEmulators"},
	"autoSync[].source.repository": {"functions/app.TestReconcileAgainstEmulators"},
	"autoSync[].target.region":     {"functions/app.TestReconcileAgainstEmulators"},
	"autoSync[].target.instance":   {"functions/app.TestReconcileAgainstEmulators"},
	"autoSync[].target.namespace":  {"functions/app.TestReconcileAgainstEmulators"},
	"autoSync[].tagFilter":         {"functions/app.TestReconcileAgainstEmulators"},
}
