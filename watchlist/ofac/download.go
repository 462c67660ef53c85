package ofac

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// Official addresses of the SDN list files (US Treasury, Sanctions List
// Service). BaseURL + file name gives each file.
const (
	BaseURL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
)

// maxFile bounds a downloaded list file; the SDN files are a few MB.
const maxFile = 256 << 20

// Download fetches a file set from base (BaseURL, or a mirror) with the
// client. The primary file is required; a missing comments file is not an
// error.
func Download(ctx context.Context, client *http.Client, base string, consolidated bool) (Files, error) {
	names := fileNames(consolidated)
	var f Files
	f.Consolidated = consolidated
	dst := []*[]byte{&f.Primary, &f.Addresses, &f.Aliases, &f.Comments}
	for i, n := range names {
		b, err := fetch(ctx, client, base+n)
		if err != nil {
			if i == 3 {
				continue
			}
			return Files{}, err
		}
		*dst[i] = b
	}
	return f, nil
}

func fetch(ctx context.Context, client *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", url, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download %s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", url, err)
	}
	if len(b) > maxFile {
		return nil, fmt.Errorf("download %s: larger than %d bytes", url, maxFile)
	}
	return b, nil
}
