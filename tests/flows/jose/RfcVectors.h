#pragma once

// Published JOSE test vectors, transcribed from the RFCs: RFC 7515 Appendix A (JWS
// examples), RFC 7520 §3 and §4 (JOSE cookbook), RFC 7638 §3.1 (thumbprint), RFC 8037
// Appendix A (Ed25519). Long values are split at arbitrary points; the pieces join up.
// Built from single-line literals on purpose (moc and raw strings holding "//" disagree).

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

namespace RfcVectors {

// RFC 7515 A.1–A.3 share this payload: {"iss":"joe",\r\n "exp":1300819380,\r\n
// "http://example.com/is_root":true}
inline QByteArray rfc7515Payload()
{
    return QByteArray("eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
                      "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ");
}

// RFC 7515 A.1: HMAC SHA-256.
inline QByteArray rfc7515A1Token()
{
    return QByteArray("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.") + rfc7515Payload() +
           QByteArray(".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}
inline QByteArray rfc7515A1Key()
{
    return QByteArray("{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T"
                      "-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}");
}

// RFC 7515 A.2: RSASSA-PKCS1-v1_5 SHA-256 (public part of the key).
inline QByteArray rfc7515A2N()
{
    return QByteArray("ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddx"
                      "HmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMs"
                      "D1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSH"
                      "SXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdV"
                      "MTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8"
                      "NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ");
}
inline QByteArray rfc7515A2Key()
{
    return QByteArray("{\"kty\":\"RSA\",\"n\":\"") + rfc7515A2N() +
           QByteArray("\",\"e\":\"AQAB\"}");
}
inline QByteArray rfc7515A2Signature()
{
    return QByteArray("cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7"
                      "AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4"
                      "BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K"
                      "0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqv"
                      "hJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrB"
                      "p0igcN_IoypGlUPQGe77Rw");
}
inline QByteArray rfc7515A2Token()
{
    return QByteArray("eyJhbGciOiJSUzI1NiJ9.") + rfc7515Payload() + '.' + rfc7515A2Signature();
}

// RFC 7515 A.3: ECDSA P-256 SHA-256 (public part of the key).
inline QByteArray rfc7515A3Key()
{
    return QByteArray("{\"kty\":\"EC\",\"crv\":\"P-256\","
                      "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                      "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}");
}
inline QByteArray rfc7515A3Signature()
{
    return QByteArray("DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSA"
                      "pmWQxfKTUJqPP3-Kg6NU1Q");
}
inline QByteArray rfc7515A3Token()
{
    return QByteArray("eyJhbGciOiJFUzI1NiJ9.") + rfc7515Payload() + '.' + rfc7515A3Signature();
}

// RFC 7515 A.4: ECDSA P-521 SHA-512, payload "Payload".
inline QByteArray rfc7515A4Key()
{
    return QByteArray("{\"kty\":\"EC\",\"crv\":\"P-521\","
                      "\"x\":\"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_"
                      "NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk\","
                      "\"y\":\"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDl"
                      "y79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2\"}");
}
inline QByteArray rfc7515A4Token()
{
    return QByteArray("eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA."
                      "AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZq"
                      "wqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8Kp"
                      "EHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn");
}

// RFC 7515 A.6: the A.2 and A.3 signatures in the general JWS JSON serialization, with the
// kids in unprotected headers.
inline QByteArray rfc7515A6General()
{
    return QByteArray("{\"payload\":\"") + rfc7515Payload() +
           QByteArray("\",\"signatures\":[{\"protected\":\"eyJhbGciOiJSUzI1NiJ9\","
                      "\"header\":{\"kid\":\"2010-12-29\"},\"signature\":\"") +
           rfc7515A2Signature() +
           QByteArray("\"},{\"protected\":\"eyJhbGciOiJFUzI1NiJ9\","
                      "\"header\":{\"kid\":\"e9bc097a-ce51-4036-9562-d2ade882db0d\"},"
                      "\"signature\":\"") +
           rfc7515A3Signature() + QByteArray("\"}]}");
}
// RFC 7515 A.7: the A.3 signature, flattened.
inline QByteArray rfc7515A7Flattened()
{
    return QByteArray("{\"payload\":\"") + rfc7515Payload() +
           QByteArray("\",\"protected\":\"eyJhbGciOiJFUzI1NiJ9\","
                      "\"header\":{\"kid\":\"e9bc097a-ce51-4036-9562-d2ade882db0d\"},"
                      "\"signature\":\"") +
           rfc7515A3Signature() + QByteArray("\"}");
}

// RFC 7638 §3.1: an RSA key and its SHA-256 thumbprint.
inline QByteArray rfc7638Key()
{
    return QByteArray(
        "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4"
        "cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiF"
        "V4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6C"
        "f0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9"
        "c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTW"
        "hAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1"
        "jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\","
        "\"kid\":\"2011-04-29\"}");
}
inline QString rfc7638Thumbprint()
{
    return QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

// RFC 8037 A.1–A.4: an Ed25519 key, its thumbprint and the signed example.
inline QByteArray rfc8037PrivateKey()
{
    return QByteArray("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                      "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
                      "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
}
inline QByteArray rfc8037PublicKey()
{
    return QByteArray("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                      "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
}
inline QString rfc8037Thumbprint()
{
    return QStringLiteral("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}
inline QByteArray rfc8037Token()
{
    return QByteArray("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
                      "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5B"
                      "hVsPt9g7sVvpAr_MuM0KAg");
}

// RFC 7520 §3.1 (EC P-521), §3.3 (RSA), §3.5 (oct) public keys.
inline QByteArray rfc7520EcKey()
{
    return QByteArray("{\"kty\":\"EC\",\"kid\":\"bilbo.baggins@hobbiton.example\",\"use\":\"sig\","
                      "\"crv\":\"P-521\","
                      "\"x\":\"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9"
                      "A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt\","
                      "\"y\":\"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVy"
                      "SsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1\"}");
}
inline QByteArray rfc7520RsaKey()
{
    return QByteArray("{\"kty\":\"RSA\",\"kid\":\"bilbo.baggins@hobbiton.example\",\"use\":\"sig\","
                      "\"n\":\"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT"
                      "-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqV"
                      "wGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-"
                      "oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde"
                      "3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuC"
                      "LqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5g"
                      "HdrNP5zw\",\"e\":\"AQAB\"}");
}
inline QByteArray rfc7520OctKey()
{
    return QByteArray("{\"kty\":\"oct\",\"kid\":\"018c0ae5-4d9b-471b-bfd6-eef314bc7037\","
                      "\"use\":\"sig\",\"alg\":\"HS256\","
                      "\"k\":\"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg\"}");
}

// RFC 7520 §4: the payload every signature example signs (a Tolkien quote).
inline QByteArray rfc7520Payload()
{
    return QByteArray("SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IH"
                      "lvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBk"
                      "b24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcm"
                      "UgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4");
}
// §4.1 RS256
inline QByteArray rfc7520Rs256Header()
{
    return QByteArray("eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZX"
                      "hhbXBsZSJ9");
}
inline QByteArray rfc7520Rs256Signature()
{
    return QByteArray("MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmK"
                      "ZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4J"
                      "IwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8w"
                      "W1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluP"
                      "xUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_f"
                      "cIe8u9ipH84ogoree7vjbU5y18kDquDg");
}
inline QByteArray rfc7520Rs256Token()
{
    return rfc7520Rs256Header() + '.' + rfc7520Payload() + '.' + rfc7520Rs256Signature();
}
// §4.2 PS384
inline QByteArray rfc7520Ps384Token()
{
    return QByteArray("eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZX"
                      "hhbXBsZSJ9.") +
           rfc7520Payload() +
           QByteArray(".cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2I"
                      "pN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXU"
                      "vdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRX"
                      "e8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT"
                      "0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a"
                      "6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw");
}
// §4.3 ES512
inline QByteArray rfc7520Es512Token()
{
    return QByteArray("eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZX"
                      "hhbXBsZSJ9.") +
           rfc7520Payload() +
           QByteArray(".AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvb"
                      "u9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kv"
                      "AD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2");
}
// §4.4 HS256
inline QByteArray rfc7520Hs256Token()
{
    return QByteArray("eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LW"
                      "VlZjMxNGJjNzAzNyJ9.") +
           rfc7520Payload() + QByteArray(".s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0");
}
// §4.1.3 in the flattened JSON serialization.
inline QByteArray rfc7520Rs256Flattened()
{
    return QByteArray("{\"payload\":\"") + rfc7520Payload() + QByteArray("\",\"protected\":\"") +
           rfc7520Rs256Header() + QByteArray("\",\"signature\":\"") + rfc7520Rs256Signature() +
           QByteArray("\"}");
}

inline QByteArray jwks(const QByteArrayList &keys)
{
    return QByteArray("{\"keys\":[") + keys.join(',') + QByteArray("]}");
}

// RFC 7520 §5.8: a JWE, A128KW + A128GCM, and its key. The plaintext is §5's text, from
// "You can trust us to stick with you" to "We are your friends, Frodo."
inline QByteArray rfc7520A128kwJwe()
{
    return QByteArray("eyJhbGciOiJBMTI4S1ciLCJraWQiOiI4MWIyMDk2NS04MzMyLTQzZDktYTQ2OC04MjE2MG"
                      "FkOTFhYzgiLCJlbmMiOiJBMTI4R0NNIn0.CBI6oDw8MydIx1IBntf_lQcw2MmJKIQx.Qx0"
                      "pmsDa8KnJc9Jo.AwliP-KmWgsZ37BvzCefNen6VTbRK3QMA4TkvRkH0tP1bTdhtFJgJxeV"
                      "mJkLD61A1hnWGetdg11c9ADsnWgL56NyxwSYjU1ZEHcGkd3EkU0vjHi9gTlb90qSYFfeF0"
                      "LwkcTtjbYKCsiNJQkcIp1yeM03OmuiYSoYJVSpf7ej6zaYcMv3WwdxDFl8REwOhNImk2Xl"
                      "d2JXq6BR53TSFkyT7PwVLuq-1GwtGHlQeg7gDT6xW0JqHDPn_H-puQsmthc9Zg0ojmJfqq"
                      "FvETUxLAF-KjcBTS5dNy6egwkYtOt8EIHK-oEsKYtZRaa8Z7MOZ7UGxGIMvEmxrGCPeJa1"
                      "4slv2-gaqK0kEThkaSqdYw0FkQZF.ER7MWJZ1FBI_NKvn7Zb1Lw");
}
inline QByteArray rfc7520A128kwKey()
{
    return QByteArray("{\"kty\":\"oct\",\"kid\":\"81b20965-8332-43d9-a468-82160ad91ac8\","
                      "\"use\":\"enc\",\"alg\":\"A128KW\",\"k\":\"GZy6sIZ6wl9NJOKB-jnmVQ\"}");
}

} // namespace RfcVectors
