import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

type TempUrls = { fileList: Array<{ tempFileURL: string; status: number }> };

/** Stores `text` at `cloudPath`, links to it and reads it back, as product code in a function would. */
export async function main(event: { cloudPath: string; text: string }) {
  const { fileID } = await cloud.uploadFile({ cloudPath: event.cloudPath, fileContent: Buffer.from(event.text) });
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as TempUrls;
  const { fileContent } = await cloud.downloadFile({ fileID });
  return { fileID, tempFileURL: fileList[0].tempFileURL, status: fileList[0].status, downloaded: fileContent.toString('utf8') };
}
