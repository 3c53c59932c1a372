/**
 * TEST DOUBLE material: a self-signed certificate for localhost and 127.0.0.1 (EC P-256, valid
 * until 2126) and its key, made with openssl for loopback HTTPS servers in tests. Trust it only in tests.
 */
export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgopYYbnfkC32afv7r
59upG2/eD9jvnVcn8h0RsYE6pF+hRANCAAQR4VV7BlmZ53sFeEAoPMr4usN7QfNh
UlF/+tle5y/T+w5nMtai5ps5sVx0tGfeaejRGFXX0fq9SzpBz2T/3jpF
-----END PRIVATE KEY-----
`;

export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUND8o8XkNS8DYXZ0RuSc9iJtvy+UwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMjIxMzg0MloYDzIxMjYxMDI5
MjEzODQyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQR4VV7BlmZ53sFeEAoPMr4usN7QfNhUlF/+tle5y/T+w5nMtai5ps5
sVx0tGfeaejRGFXX0fq9SzpBz2T/3jpFo28wbTAdBgNVHQ4EFgQUGQmECmBSvzhH
VVQgFTQEnpGAbUUwHwYDVR0jBBgwFoAUGQmECmBSvzhHVVQgFTQEnpGAbUUwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSQAwRgIhAJC5+16b6XfgLUzpi5iIuPgw5bhQPaxlQcEwn3eMpQY2AiEA
u9yiV9pI/p0jtmrUDmO3lGunxu5zN+vjDPIk73sviZ8=
-----END CERTIFICATE-----
`;
