/**
 * Uploading a file the way Slack wants it now (files.upload is retired): files.getUploadURLExternal for an upload
 * URL and a file ID, the bytes POSTed to that URL, then files.completeUploadExternal — with channel_id and thread_ts
 * to share it in a thread, or without a channel to keep it for the app's own views (the Home tab's image block).
 */
import { webApi } from "@slack/bolt";
import { SLACK_TIMEOUT_MS } from "./web-client.js";

type WebClient = webApi.WebClient;

export interface FileToUpload {
  filename: string;
  title: string;
  /** what a screen reader says for the image */
  altText: string;
  data: Buffer;
}

/** Where the file is shared; none: the file is the app's, for image blocks. */
export interface UploadDestination {
  channelId: string;
  threadTs?: string;
}

/** Why an upload failed, in the operator's words (Slack's error code and the next step). */
export class UploadError extends Error {
  constructor(
    /** files.getUploadURLExternal, upload, files.completeUploadExternal */
    readonly step: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "UploadError";
  }
}

const HINTS: Record<string, string> = {
  missing_scope: "add the files:write scope (manifest.yml) and reinstall the app",
  not_in_channel: "invite the bot to the channel",
  channel_not_found: "check DIGEST_CHANNEL",
};

function slackFailure(step: string, error: unknown): UploadError {
  if (error instanceof UploadError) return error;
  const code = error instanceof webApi.WebAPIPlatformError ? error.data.error : null;
  const why = code ?? (error instanceof Error ? error.message : String(error));
  const hint = code && HINTS[code] ? `: ${HINTS[code]}` : "";
  return new UploadError(step, `${step} failed (${why})${hint}`, { cause: error });
}

/** Uploads the file and resolves its ID; rejects with an UploadError naming the step that failed. */
export async function uploadFile(
  client: WebClient,
  file: FileToUpload,
  destination?: UploadDestination,
): Promise<string> {
  let uploadUrl: string;
  let fileId: string;
  try {
    const answer = await client.files.getUploadURLExternal({
      filename: file.filename,
      length: file.data.length,
      alt_text: file.altText,
    });
    if (!answer.upload_url || !answer.file_id) throw new Error("the answer has no upload_url or file_id");
    uploadUrl = answer.upload_url;
    fileId = answer.file_id;
  } catch (error) {
    throw slackFailure("files.getUploadURLExternal", error);
  }
  try {
    const response = await fetch(uploadUrl, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: file.data,
      signal: AbortSignal.timeout(SLACK_TIMEOUT_MS),
    });
    // the body is a short "OK - <bytes>"; drain it so the connection is released
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw slackFailure("the upload", error);
  }
  try {
    const files: [{ id: string; title: string }] = [{ id: fileId, title: file.title }];
    if (destination?.threadTs) {
      await client.files.completeUploadExternal({
        files,
        channel_id: destination.channelId,
        thread_ts: destination.threadTs,
      });
    } else if (destination) {
      await client.files.completeUploadExternal({ files, channel_id: destination.channelId });
    } else {
      await client.files.completeUploadExternal({ files });
    }
  } catch (error) {
    throw slackFailure("files.completeUploadExternal", error);
  }
  return fileId;
}
