package un

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// URL is the official address of the consolidated list in XML.
const URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"

// maxFile bounds a download; the list is a few MB.
const maxFile = 256 << 20

// Download fetches the consolidated list from url (URL, or a mirror).
func Download(ctx context.Context, client *http.Client, url string) ([]byte, error) {
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
