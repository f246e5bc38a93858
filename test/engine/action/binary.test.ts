import { runAgainst, useFake } from '../../harness/fake';
import { jsonOf } from '../../harness/run';

const fake = useFake();

const pdf = Buffer.from('%PDF-1.4 fake pdf bytes ✓');

test('upload a file from a binary property (multipart, filename and MIME type from the binary), then download it', async () => {
	const upload = await runAgainst(fake(), {
		parameters: { resource: 'file', operation: 'addFile', binaryPropertyName: 'report', additionalFields: { deal_id: { __rl: true, mode: 'id', value: '1' } } },
		items: [{ json: {}, binary: { report: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'Q3 report.pdf' } } }],
	});
	expect(upload.error).toBeUndefined();
	const sent = fake().requests.find((r) => r.method === 'POST' && r.path === '/v1/files')!;
	expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	expect(sent.body).toMatchObject({
		fields: { deal_id: '1' },
		files: [{ field: 'file', filename: 'Q3 report.pdf', contentType: 'application/pdf', size: pdf.length }],
	});
	const [file] = jsonOf(upload);
	expect(file.id).toEqual(expect.any(Number));

	const download = await runAgainst(fake(), { parameters: { resource: 'file', operation: 'downloadFile', fileId: file.id as number, binaryPropertyName: 'downloaded' } });
	expect(download.error).toBeUndefined();
	const binary = download.items[0].binary!.downloaded;
	expect(binary.fileName).toBe('Q3 report.pdf');
	expect(binary.mimeType).toBe('application/pdf');
	expect(Buffer.from(binary.data, 'base64').equals(pdf)).toBe(true);
	expect(fake().violations).toEqual([]);
});

test('a missing binary property is reported before anything is sent', async () => {
	const result = await runAgainst(fake(), {
		parameters: { resource: 'file', operation: 'addFile', binaryPropertyName: 'nope' },
		items: [{ json: {} }],
	});
	expect(result.error?.message).toMatch(/Input Binary Field.*item 0.*no binary field "nope"/);
	expect(fake().requests.filter((r) => r.path === '/v1/files')).toHaveLength(0);
});

test('product image upload and call-log recording use the same multipart path', async () => {
	const [product] = fake().seed('products', [{ name: 'Widget' }]);
	const result = await runAgainst(fake(), {
		parameters: { resource: 'product', operation: 'uploadProductImage', productId: { __rl: true, mode: 'id', value: String(product.id) } },
		items: [{ json: {}, binary: { data: { data: Buffer.from('png').toString('base64'), mimeType: 'image/png', fileName: 'w.png' } } }],
	});
	expect(result.error).toBeUndefined();
	const sent = fake().requests.find((r) => r.path === `/api/v2/products/${product.id}/images`)!;
	expect(sent.body).toMatchObject({ files: [{ field: 'data', filename: 'w.png', contentType: 'image/png' }] });
	expect(fake().violations).toEqual([]);
});
