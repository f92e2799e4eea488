import { NewApiKeyForm } from "@/components/feedback/NewApiKeyForm";
import { Table } from "@/components/govuk";
import { requireRole } from "@/lib/auth/session";
import { API_KEY_SCOPE_LABELS, listApiKeys, type ApiKeyScope } from "@/lib/feedback/api-keys";
import { formatDateTime } from "@/lib/format";
import { revokeApiKeyAction } from "./actions";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "API keys" });

export default staffPage(async function ApiKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("apikeys:manage");
  const query = await searchParams;
  const keys = await listApiKeys();
  return (
    <>
      <h1 className="govuk-heading-l">API keys</h1>
      <p className="govuk-body">
        Machine clients, such as CMS&apos;s contact systems, use a key to post contacts. Only a fingerprint of each key is kept, so a lost key cannot be shown
        again: revoke it and create another. A key opens the API it is scoped to and nothing else.
      </p>
      {query.revoked && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          The key was revoked: it no longer works.
        </p>
      )}
      {query.error && (
        <p className="govuk-error-message" role="alert">
          That key could not be revoked. Reload the page and try again.
        </p>
      )}
      <NewApiKeyForm />
      {keys.length === 0 ? (
        <p className="govuk-body">There are no API keys yet.</p>
      ) : (
        <Table
          caption="Keys"
          rows={keys}
          rowKey={(k) => k.id}
          columns={[
            { header: "Name", rowHeader: true, className: "fw-wrap-anywhere", cell: (k) => k.name },
            { header: "Starts with", cell: (k) => <code>{k.prefix}</code> },
            { header: "May", cell: (k) => k.scopes.map((s) => API_KEY_SCOPE_LABELS[s as ApiKeyScope] ?? s).join(", ") },
            { header: "Created", cell: (k) => `${formatDateTime(k.createdAt)}${k.createdBy ? ` by ${k.createdBy}` : ""}` },
            { header: "Last used", cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never") },
            {
              header: "Status",
              cell: (k) =>
                k.revokedAt ? (
                  `Revoked ${formatDateTime(k.revokedAt)}`
                ) : (
                  <form action={revokeApiKeyAction}>
                    <input type="hidden" name="keyId" value={k.id} />
                    <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                      Revoke<span className="govuk-visually-hidden"> {k.name}</span>
                    </button>
                  </form>
                ),
            },
          ]}
        />
      )}
    </>
  );
});
