//! The PowerPoint package: parts, their content types and relationships, zipped.
//!
//! A part is added with its content type, so `[Content_Types].xml` declares every part
//! there is; relationships are written by the part that owns them. Entries are zipped in
//! the order added with a fixed timestamp: the same deck gives the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;

use super::xml::esc;

pub(super) const NS: &str = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";
pub(super) const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT: &str = "application/vnd.openxmlformats-officedocument.";

/// A relationship: its target's type (the last part of the type URI, or a full URI) and path.
pub(super) struct Rel {
    pub id: String,
    pub kind: &'static str,
    pub target: String,
}

/// A package being assembled.
pub(super) struct Package {
    parts: Vec<(String, Vec<u8>)>,
    overrides: Vec<(String, String)>,
}

impl Package {
    pub(super) fn new() -> Self {
        Self { parts: Vec::new(), overrides: Vec::new() }
    }

    /// A part whose content type is named in `[Content_Types].xml` (`kind` after the
    /// `application/vnd.openxmlformats-officedocument.` prefix, or a full type).
    pub(super) fn part(&mut self, name: &str, kind: &str, body: impl Into<Vec<u8>>) {
        let kind = if kind.starts_with("application/") { kind.to_owned() } else { format!("{CT}{kind}") };
        self.overrides.push((format!("/{name}"), kind));
        self.parts.push((name.to_owned(), body.into()));
    }

    /// A part whose content type follows from its extension (media, embedded workbooks).
    pub(super) fn file(&mut self, name: &str, body: Vec<u8>) {
        self.parts.push((name.to_owned(), body));
    }

    /// The relationships of `owner` (`ppt/slides/slide1.xml` → `ppt/slides/_rels/slide1.xml.rels`).
    pub(super) fn rels(&mut self, owner: &str, rels: &[Rel]) {
        let (dir, file) = owner.rsplit_once('/').unwrap_or(("", owner));
        let name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let mut xml = String::from(HEAD);
        xml.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for r in rels {
            let kind = if r.kind.starts_with("http") { r.kind.to_owned() } else { format!("{REL}{}", r.kind) };
            let _ = write!(xml, "<Relationship Id=\"{}\" Type=\"{kind}\" Target=\"{}\"/>", r.id, esc(&r.target));
        }
        xml.push_str("</Relationships>");
        self.parts.push((name, xml.into_bytes()));
    }

    /// The zipped package, `[Content_Types].xml` first.
    pub(super) fn finish(self) -> Result<Vec<u8>, zip::result::ZipError> {
        let mut types = String::from(HEAD);
        types.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
        for (ext, kind) in [
            ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
            ("xml", "application/xml"),
            ("png", "image/png"),
            ("jpg", "image/jpeg"),
            ("gif", "image/gif"),
            ("svg", "image/svg+xml"),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ] {
            let _ = write!(types, "<Default Extension=\"{ext}\" ContentType=\"{kind}\"/>");
        }
        for (name, kind) in &self.overrides {
            let _ = write!(types, "<Override PartName=\"{}\" ContentType=\"{kind}\"/>", esc(name));
        }
        types.push_str("</Types>");
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        zip.start_file("[Content_Types].xml", options)?;
        zip.write_all(types.as_bytes())?;
        for (name, body) in &self.parts {
            // Pictures and workbooks are compressed already.
            let stored = name.ends_with(".png") || name.ends_with(".jpg") || name.ends_with(".xlsx");
            let o = if stored { options.compression_method(zip::CompressionMethod::Stored) } else { options };
            zip.start_file(name.as_str(), o)?;
            zip.write_all(body)?;
        }
        Ok(zip.finish()?.into_inner())
    }
}

/// An empty shape tree's group properties: every `p:spTree` starts with them.
pub(super) const TREE_HEAD: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

const CLR_MAP: &str = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

/// The slide master: no placeholders (every slide places its own shapes), the theme's fonts
/// as the text styles.
pub(super) fn master() -> String {
    let style = |tag: &str, size: u32, font: &str| {
        format!(
            "<p:{tag}><a:lvl1pPr><a:defRPr sz=\"{size}\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"{font}\"/></a:defRPr></a:lvl1pPr></p:{tag}>"
        )
    };
    format!(
        "{HEAD}<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree>{TREE_HEAD}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst><p:txStyles>{}{}{}</p:txStyles></p:sldMaster>",
        style("titleStyle", 2400, "+mj-lt"),
        style("bodyStyle", 1400, "+mn-lt"),
        style("otherStyle", 1400, "+mn-lt"),
    )
}

pub(super) fn layout() -> String {
    format!(
        "{HEAD}<p:sldLayout {NS} type=\"blank\" preserve=\"1\"><p:cSld name=\"Blank\"><p:spTree>{TREE_HEAD}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )
}

/// The notes master: where a notes page puts the slide's picture and the notes.
pub(super) fn notes_master() -> String {
    format!(
        "{HEAD}<p:notesMaster {NS}><p:cSld><p:spTree>{TREE_HEAD}<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"381000\" y=\"685800\"/><a:ext cx=\"6096000\" cy=\"3429000\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"685800\" y=\"4343400\"/><a:ext cx=\"5486400\" cy=\"4114800\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp></p:spTree></p:cSld>{CLR_MAP}<p:notesStyle><a:lvl1pPr><a:defRPr sz=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>"
    )
}

/// A slide's notes page: its picture and the notes, a paragraph per line.
pub(super) fn notes(lines: &[String], lang: &str) -> String {
    let mut body = String::new();
    for l in lines {
        let _ = write!(body, "<a:p><a:r><a:rPr lang=\"{}\" dirty=\"0\"/><a:t>{}</a:t></a:r></a:p>", esc(lang), esc(l));
    }
    if body.is_empty() {
        body.push_str("<a:p><a:endParaRPr lang=\"en-US\"/></a:p>");
    }
    format!(
        "{HEAD}<p:notes {NS}><p:cSld><p:spTree>{TREE_HEAD}<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )
}

/// The theme: the deck theme's colours as the colour scheme (chart series as accents, so a
/// colour picked in PowerPoint stays on brand) and its fonts as the font scheme.
pub(super) fn theme(name: &str, c: &super::Palette, heading: &str, body: &str) -> String {
    let clr = |tag: &str, hex: &str| format!("<a:{tag}><a:srgbClr val=\"{hex}\"/></a:{tag}>");
    let mut scheme = String::new();
    scheme.push_str(&clr("dk1", &c.dk1));
    scheme.push_str(&clr("lt1", &c.lt1));
    scheme.push_str(&clr("dk2", &c.dk2));
    scheme.push_str(&clr("lt2", &c.lt2));
    for (k, a) in c.accents.iter().enumerate() {
        scheme.push_str(&clr(&format!("accent{}", k + 1), a));
    }
    scheme.push_str(&clr("hlink", &c.hlink));
    scheme.push_str(&clr("folHlink", &c.fol_hlink));
    let font = |tag: &str, face: &str| {
        format!("<a:{tag}><a:latin typeface=\"{0}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:{tag}>", esc(face))
    };
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = |w: u32| format!("<a:ln w=\"{w}\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>");
    format!(
        "{HEAD}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"{}\"><a:themeElements><a:clrScheme name=\"{0}\">{scheme}</a:clrScheme><a:fontScheme name=\"{0}\">{}{}</a:fontScheme><a:fmtScheme name=\"{0}\"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{}{}{}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        esc(name),
        font("majorFont", heading),
        font("minorFont", body),
        line(6350),
        line(12700),
        line(19050),
    )
}

pub(super) fn core(title: &str, author: &str, date: Option<(i32, u8, u8)>) -> String {
    let (y, m, d) = date.unwrap_or((2000, 1, 1));
    format!(
        "{HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><cp:lastModifiedBy>kamdeck</cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">{y:04}-{m:02}-{d:02}T00:00:00Z</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{y:04}-{m:02}-{d:02}T00:00:00Z</dcterms:modified></cp:coreProperties>",
        esc(title),
        esc(author)
    )
}

pub(super) fn app(slides: usize) -> String {
    format!(
        "{HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>kamdeck</Application><PresentationFormat>On-screen Show</PresentationFormat><Slides>{slides}</Slides><Notes>{slides}</Notes></Properties>"
    )
}

pub(super) fn presentation(slides: usize, (cx, cy): (i64, i64)) -> String {
    let mut ids = String::new();
    for k in 0..slides {
        let _ = write!(ids, "<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 256 + k, 10 + k);
    }
    format!(
        "{HEAD}<p:presentation {NS} saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx=\"{cx}\" cy=\"{cy}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>"
    )
}

pub(super) fn pres_props() -> String {
    format!("{HEAD}<p:presentationPr {NS}/>")
}

pub(super) fn view_props() -> String {
    format!("{HEAD}<p:viewPr {NS}><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>")
}

pub(super) fn table_styles() -> String {
    format!(
        "{HEAD}<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>"
    )
}
