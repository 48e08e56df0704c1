// Package huawei holds what every Huawei Cloud engine of imagesync (swr,
// hss) takes, declared once: the options of their New (WithCredentials,
// WithLogger, WithTransport, WithBackoff, WithGetenv, WithClock,
// WithCredentialsProvider), each refusing a value it cannot use, and the
// access keys (Credentials, which never print their secrets). The engines'
// shared call path is adapters/internal/huaweicloud.
package huawei
