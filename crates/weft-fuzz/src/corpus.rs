//! The fuzzer's inputs: every `.py` file under the given folders (the scenarios and the test
//! corpus), read as bytes and ordered by path so that a seed picks the same file on every machine.

use std::io;
use std::path::{Path, PathBuf};

/// One input program: its path relative to the project root (for messages) and its bytes.
#[derive(Clone, Debug)]
pub struct InputFile {
    pub relative_path: String,
    pub bytes: Vec<u8>,
}

/// Every `.py` file under `root/dir` for each of `dirs`, sorted by relative path (`/` separated).
/// A missing folder is an error: a fuzzer that silently lost its corpus would still "pass".
pub fn load_inputs(root: &Path, dirs: &[&str]) -> io::Result<Vec<InputFile>> {
    let mut paths = Vec::new();
    for dir in dirs {
        collect_python_files(&root.join(dir), &mut paths)?;
    }
    let mut inputs = Vec::with_capacity(paths.len());
    for path in paths {
        let relative_path = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(&path)?;
        inputs.push(InputFile {
            relative_path,
            bytes,
        });
    }
    inputs.sort_by(|a, b| a.relative_path.cmp(&b.relative_path));
    inputs.dedup_by(|a, b| a.relative_path == b.relative_path);
    Ok(inputs)
}

fn collect_python_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_python_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_sorted_and_relative() {
        let dir = std::env::temp_dir().join(format!("weft-fuzz-corpus-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/sub")).unwrap();
        std::fs::create_dir_all(dir.join("b")).unwrap();
        std::fs::write(dir.join("b/z.py"), "z = 1\n").unwrap();
        std::fs::write(dir.join("a/sub/y.py"), "y = 1\n").unwrap();
        std::fs::write(dir.join("a/x.py"), "x = 1\n").unwrap();
        std::fs::write(dir.join("a/notes.txt"), "not python").unwrap();
        let inputs = load_inputs(&dir, &["b", "a"]).unwrap();
        let names: Vec<&str> = inputs.iter().map(|i| i.relative_path.as_str()).collect();
        assert_eq!(names, ["a/sub/y.py", "a/x.py", "b/z.py"]);
        assert_eq!(inputs[1].bytes, b"x = 1\n");
        assert!(load_inputs(&dir, &["missing"]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
