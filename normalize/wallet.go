package normalize

import (
	"fmt"
	"strings"

	"github.com/btcsuite/btcd/btcutil"
	"github.com/btcsuite/btcd/btcutil/base58"
	"github.com/btcsuite/btcd/btcutil/bech32"
	"github.com/btcsuite/btcd/chaincfg"
	"golang.org/x/crypto/sha3"
)

// Chains a wallet address can belong to, as Wallet returns them. EVM
// networks share one address space (one key controls the same address on
// Ethereum, Polygon, BSC, Arbitrum …), so they all return ChainETH.
const (
	ChainETH = "eth"
	ChainBTC = "btc"
	ChainTRX = "trx"
	ChainLTC = "ltc"
	ChainXMR = "xmr"
	ChainSOL = "sol"
)

// networkChains maps the network names people write to chains.
var networkChains = map[string]string{
	"eth": ChainETH, "ethereum": ChainETH, "erc20": ChainETH, "erc-20": ChainETH,
	"evm": ChainETH, "polygon": ChainETH, "matic": ChainETH, "bsc": ChainETH,
	"bep20": ChainETH, "bep-20": ChainETH, "bnb smart chain": ChainETH,
	"arbitrum": ChainETH, "optimism": ChainETH, "base": ChainETH, "avax": ChainETH,
	"avalanche": ChainETH, "avax-c": ChainETH, "usdc": "", "usdt": "",
	"btc": ChainBTC, "bitcoin": ChainBTC, "xbt": ChainBTC,
	"trx": ChainTRX, "tron": ChainTRX, "trc20": ChainTRX, "trc-20": ChainTRX,
	"ltc": ChainLTC, "litecoin": ChainLTC,
	"xmr": ChainXMR, "monero": ChainXMR,
	"sol": ChainSOL, "solana": ChainSOL, "spl": ChainSOL,
}

// Wallet returns the canonical form of a cryptocurrency address and the
// chain it belongs to. Ethereum and other EVM addresses are lower-cased
// 0x + 40 hex digits, and a mixed-case address must carry a valid EIP-55
// checksum (Keccak-256). Bitcoin base58check (P2PKH, P2SH) and bech32 /
// bech32m (segwit) addresses are validated with btcutil; bech32 is
// lower-cased. Tron and Litecoin addresses are checked as base58check
// (and bech32 for Litecoin). Other chains (Monero, Solana, and networks
// ringer does not know) are trimmed and kept case-sensitive. network may
// be "" to infer the chain from the address's shape; a token name such as
// "usdt" says nothing of the chain and is treated likewise.
func Wallet(network, value string) (canonical string, chain string, err error) {
	v := strings.TrimSpace(value)
	if v == "" {
		return "", "", inputError("wallet", v, "empty address", nil)
	}
	if len(v) > 128 {
		return "", "", inputError("wallet", v, "longer than 128 bytes", nil)
	}
	netw := strings.ToLower(strings.TrimSpace(network))
	chain, known := networkChains[netw]
	if !known && netw != "" {
		chain = netw
	}
	if chain == "" {
		chain = inferChain(v)
	}
	switch chain {
	case ChainETH:
		c, err := ethAddress(v)
		return c, chain, err
	case ChainBTC:
		c, err := btcAddress(v)
		return c, chain, err
	case ChainTRX:
		payload, ver, err := base58.CheckDecode(v)
		if err != nil || ver != 0x41 || len(payload) != 20 {
			return "", chain, inputError("tron address", v, "not base58check with version 0x41", nil)
		}
		return v, chain, nil
	case ChainLTC:
		c, err := ltcAddress(v)
		return c, chain, err
	case "":
		return "", "", inputError("wallet", v, "cannot tell the chain; give the network", nil)
	}
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] == 0x7f {
			return "", chain, inputError("wallet", v, "control or space character", nil)
		}
	}
	return v, chain, nil
}

// inferChain guesses a chain from an address's shape, "" when unsure.
func inferChain(v string) string {
	switch {
	case len(v) == 42 && (v[:2] == "0x" || v[:2] == "0X"):
		return ChainETH
	case strings.HasPrefix(strings.ToLower(v), "bc1"):
		return ChainBTC
	case strings.HasPrefix(strings.ToLower(v), "ltc1"):
		return ChainLTC
	case len(v) == 34 && v[0] == 'T':
		return ChainTRX
	case (len(v) == 95 || len(v) == 106) && (v[0] == '4' || v[0] == '8'):
		return ChainXMR
	case len(v) >= 26 && len(v) <= 35 && (v[0] == '1' || v[0] == '3'):
		return ChainBTC
	case len(v) >= 26 && len(v) <= 35 && (v[0] == 'L' || v[0] == 'M'):
		return ChainLTC
	}
	return ""
}

// ethAddress validates and lower-cases an EVM address, checking the
// EIP-55 mixed-case checksum when the address has mixed case.
func ethAddress(v string) (string, error) {
	if len(v) != 42 || (v[:2] != "0x" && v[:2] != "0X") {
		return "", inputError("ethereum address", v, "want 0x and 40 hex digits", nil)
	}
	body := v[2:]
	lower, upper := false, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case isDigit(c):
		case 'a' <= c && c <= 'f':
			lower = true
		case 'A' <= c && c <= 'F':
			upper = true
		default:
			return "", inputError("ethereum address", v, fmt.Sprintf("%q is not a hex digit", c), nil)
		}
	}
	canon := "0x" + strings.ToLower(body)
	if lower && upper {
		if eip55(canon[2:]) != body {
			return "", inputError("ethereum address", v, "EIP-55 checksum does not match", nil)
		}
	}
	return canon, nil
}

// eip55 returns the EIP-55 checksummed spelling of 40 lower-case hex digits:
// a letter is upper-cased when the matching nibble of Keccak-256 of the
// lower-case hex text is 8 or more.
func eip55(lowerHex string) string {
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(lowerHex))
	sum := h.Sum(nil)
	out := []byte(lowerHex)
	for i := range out {
		nib := sum[i/2]
		if i%2 == 0 {
			nib >>= 4
		}
		if out[i] >= 'a' && nib&0xf >= 8 {
			out[i] -= 'a' - 'A'
		}
	}
	return string(out)
}

// btcAddress validates a Bitcoin mainnet address and returns its canonical
// encoding (bech32 in lower case).
func btcAddress(v string) (string, error) {
	a, err := btcutil.DecodeAddress(v, &chaincfg.MainNetParams)
	if err != nil {
		return "", inputError("bitcoin address", v, "", err)
	}
	if !a.IsForNet(&chaincfg.MainNetParams) {
		return "", inputError("bitcoin address", v, "not a mainnet address", nil)
	}
	return a.EncodeAddress(), nil
}

// ltcAddress validates a Litecoin address: base58check with version 0x30
// (L), 0x32 (M) or 0x05 (3), or bech32 with the "ltc" prefix.
func ltcAddress(v string) (string, error) {
	if strings.HasPrefix(strings.ToLower(v), "ltc1") {
		hrp, data, err := bech32.Decode(v)
		if err != nil || hrp != "ltc" || len(data) == 0 {
			return "", inputError("litecoin address", v, "not bech32 with prefix ltc", nil)
		}
		return strings.ToLower(v), nil
	}
	payload, ver, err := base58.CheckDecode(v)
	if err != nil || len(payload) != 20 || (ver != 0x30 && ver != 0x32 && ver != 0x05) {
		return "", inputError("litecoin address", v, "not base58check with a litecoin version", nil)
	}
	return v, nil
}
