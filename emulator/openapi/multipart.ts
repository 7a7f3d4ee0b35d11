/**
 * Splits the multipart/form-data body wx-server-sdk sends for openapi calls. The SDK (via the form-data
 * package) sends text fields without a content type and `requestData` as `application/octet-stream`
 * without a filename; busboy classifies the latter as a file, so its bytes arrive untouched (Node's
 * Response.formData() would decode them as UTF-8 and corrupt the protobuf).
 */
import busboy from 'busboy';

export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, Buffer>;
}

export function parseMultipart(body: Buffer, contentType: string): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    const form: MultipartForm = { fields: {}, files: {} };
    // A file stream may still be ending when busboy says 'close'; settle only when both are done.
    let openFiles = 0;
    let closed = false;
    const settle = () => {
      if (closed && openFiles === 0) resolve(form);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType } });
    } catch (e) {
      reject(e);
      return;
    }
    parser.on('field', (name, value) => {
      form.fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      openFiles++;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        form.files[name] = Buffer.concat(chunks);
        openFiles--;
        settle();
      });
    });
    parser.on('error', reject);
    parser.on('close', () => {
      closed = true;
      settle();
    });
    parser.end(body);
  });
}
